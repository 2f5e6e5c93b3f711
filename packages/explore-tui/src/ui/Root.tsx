import { App } from './App.js';
import { TuiContext, type TuiEnvironment } from './context.js';
import { ThemeContext, themeFor } from './theme.js';

/** The app with its surroundings: the environment and the theme its NO_COLOR asks for. */
export function Root({ environment }: { environment: TuiEnvironment }) {
  return (
    <TuiContext.Provider value={environment}>
      <ThemeContext.Provider value={themeFor(environment.env)}>
        <App />
      </ThemeContext.Provider>
    </TuiContext.Provider>
  );
}
