"""The application: services that move data through the pure stages and keep it in storage."""
