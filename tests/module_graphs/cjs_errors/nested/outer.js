require('./inner');
