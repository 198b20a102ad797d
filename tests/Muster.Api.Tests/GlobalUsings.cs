global using Muster.Storage.Tests;
global using Xunit;
