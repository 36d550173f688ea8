/** The app's version, from package.json: recorded in every export so a figure can be traced to the code that made it. */
import pkg from '../package.json';

export const APP_VERSION: string = pkg.version;
