global using Muster.Api.Tests.Support;
global using Muster.Propagation.Tests.Support;
global using Muster.Reliability.Tests.Support;
global using Muster.Storage.Tests;
global using Xunit;
