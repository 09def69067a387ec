"""Monitoring: the programme's indicators against the targets its file gives, per quarter, with flags."""
