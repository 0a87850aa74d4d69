"""Imported only by the multiprocessing forkserver (a preload, see flows/workers.py): it exits when
the gongwen process that started it is gone (flows/orphans.py)."""
from .orphans import watch_parent

watch_parent()
