"""Views of the petitions app, one module per screen family."""
