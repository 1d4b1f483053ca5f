// Starts GOV.UK Frontend's components (service navigation toggle, error summary, and so on).
// Every page works without it.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
