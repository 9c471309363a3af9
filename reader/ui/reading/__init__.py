"""The reader pane: one article laid out for long reading, never touching the network;
its HTML, where each character sits on the page, what a click on a link does, Back and
Forward, and how a person's highlights are painted."""
