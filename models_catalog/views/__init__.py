"""Views of the catalogue, one module per screen."""
