"""How Rasa reads the training data: the importer named in config.yml (`importers:`), and the
check of `rasa data validate`'s warnings that `make test` runs."""
