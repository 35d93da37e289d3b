const hidden = 1;
