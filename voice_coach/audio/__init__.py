"""Audio: decoding, sources of chunks, voice activity detection and endpointing."""
