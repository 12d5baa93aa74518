"""One module per screen group: filing, review, board, rounds, Excel."""
