"""The live path: microphone (or simulated microphone) capture, the practice loop, recovery."""
