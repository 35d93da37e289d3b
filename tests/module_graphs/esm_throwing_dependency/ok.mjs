console.log('ok runs');
