console.log('boom starts');
throw new Error('boom');
