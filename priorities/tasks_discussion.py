"""Celery tasks for notifications e-mails and digests."""
