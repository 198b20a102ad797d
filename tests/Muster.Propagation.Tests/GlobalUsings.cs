global using Muster.Propagation.Tests.Support;
global using Muster.Storage.Tests;
global using Xunit;
