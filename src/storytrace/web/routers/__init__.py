"""HTTP routers: one per resource group."""
