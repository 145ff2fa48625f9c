using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace AiLint.Tool.Tests.Support;

/// <summary>Locates MSBuild once, before any test touches MSBuildWorkspace (as the tool's Main does).</summary>
internal static class MsBuildSetup
{
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
