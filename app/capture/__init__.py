"""Mail capture: flagged and answered mail in the user's IMAP mailbox becomes requests."""
