"""French text handling for the NLU pipeline: normalisation and deterministic entity extraction."""
