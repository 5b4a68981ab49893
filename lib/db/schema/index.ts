export * from "./organisations";
export * from "./auth";
export * from "./integrations";
export * from "./calls";
export * from "./audit";
export * from "./summaries";
export * from "./flows";
