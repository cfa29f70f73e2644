// The NN module: see DESIGN.md. Its types arrive with the issues that build it.
