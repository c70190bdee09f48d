"""Garda: capacity building, public services and openness for the ASN of Provinsi Jambi."""
