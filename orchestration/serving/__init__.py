"""Serving the published warehouse to BI tools through PostgreSQL."""
