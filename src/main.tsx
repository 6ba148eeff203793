// Placeholder entry; the app shell is built in src/ui.
document.documentElement.dataset.appState = 'ready';
