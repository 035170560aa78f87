"""The MkDocs adapter: thin event handlers over the Journeybook core."""
