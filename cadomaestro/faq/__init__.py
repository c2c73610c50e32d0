"""The FAQ corpus: parsing the shop's FAQ page, loading entries, generating Rasa data."""
