global using Microsoft.Playwright;
global using Muster.Portal.Tests.Support;
global using Xunit;
