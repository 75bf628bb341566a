"""The class tour (``ddx demo``): its steps as data (``steps``) and the
controller that walks the app through them (``controller``)."""
