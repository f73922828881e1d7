"""The workshop: live polls in the room from the trainer's laptop (plan, store, server, views) and their report."""
