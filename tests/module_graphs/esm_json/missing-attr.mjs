import other from './other.json';
