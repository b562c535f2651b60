"""The interactive interview behind `omniready audit`: a pure walk, prompts, records, prefill."""
