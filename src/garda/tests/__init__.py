"""Tests of Garda as a whole, across every app: the role matrix and the cross-agency isolation
suite walk every URL of every app. They sit above all layers, so they may import any app."""
