"""`make eval`: how well the assistant understands, measured on sets it never trained on.

metrics (scores of one system), baselines (what it is compared with), crossval (k-fold
cross-validation of config.yml), plot (confusion matrices), compare (the report; also
`python -m cadomaestro.evaluation`). Nothing of the assistant's runtime imports this package.
"""
