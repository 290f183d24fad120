"""voice_coach: an offline, voice-driven mock interviewer for PM system-design interviews."""

__version__ = "0.1.0"
