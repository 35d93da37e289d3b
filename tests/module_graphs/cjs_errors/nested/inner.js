require('../../nowhere');
