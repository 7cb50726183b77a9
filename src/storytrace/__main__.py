from storytrace.cli.app import run

run()
