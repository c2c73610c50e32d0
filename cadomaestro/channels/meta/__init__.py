"""Meta's messaging platforms (Messenger, WhatsApp Cloud API): what their webhooks send, what
their Graph API takes, and the channels built on them."""
