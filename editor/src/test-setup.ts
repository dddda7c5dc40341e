import { configure } from '@testing-library/react';

// findBy* and waitFor wait for the page to get there, however busy the machine is: Testing
// Library's 1 s default failed renders on a loaded 2-core machine (issue 14). A test fails only
// when the text never comes.
configure({ asyncUtilTimeout: 30_000 });
