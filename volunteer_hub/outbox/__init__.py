"""One sender for every outgoing message, with a table that keeps them all."""
