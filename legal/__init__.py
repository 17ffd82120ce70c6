"""The legal pages a German municipal site must have: Impressum, Datenschutzerklärung, Erklärung zur
Barrierefreiheit and the versioned Nutzungsbedingungen, with the records of who accepted which version."""
