console.log('first never runs');
