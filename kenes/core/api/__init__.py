"""What every capability's API shares: schemas and error answers (kenes/api only mounts the routers)."""
