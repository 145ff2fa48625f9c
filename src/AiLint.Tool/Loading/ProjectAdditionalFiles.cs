using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tool.Loading;

/// <summary>The files AiLint's analyzers read as AdditionalFiles (eval files, model tables), as the tool finds them.</summary>
internal static class ProjectAdditionalFiles
{
    /// <summary>
    /// The project's AdditionalFiles, plus, when none of them is of the kind <paramref name="isOfKind"/> recognises,
    /// the files the package's targets would add (every <c>*<paramref name="suffix"/></c> under the project folder
    /// outside <c>bin/</c> and <c>obj/</c>, in path order): a project that does not import AiLint's targets still gets
    /// its files read. A project that lists some itself keeps exactly its list, as the analyzers would see it.
    /// </summary>
    public static ImmutableArray<AdditionalText> WithFallback(ImmutableArray<AdditionalText> additionalFiles, string projectDirectory, string suffix, Func<string?, bool> isOfKind)
    {
        if (additionalFiles.Any(f => isOfKind(f.Path)) || !Directory.Exists(projectDirectory))
        {
            return additionalFiles;
        }

        var separator = Path.DirectorySeparatorChar;
        var found = Directory.EnumerateFiles(projectDirectory, "*" + suffix, SearchOption.AllDirectories)
            .Where(p => isOfKind(p))
            .Where(p => !p.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !p.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new FileText(p));
        return additionalFiles.AddRange(found);
    }

    /// <summary>
    /// The files the model rules (AIL0501-AIL0506) read: the project's AdditionalFiles, with the fallback of
    /// <see cref="WithFallback"/> for model tables (<c>*.ailint-models.json</c>) and for settings files
    /// (<c>appsettings*.json</c>), each decided on its own, as AiLint's targets add both.
    /// </summary>
    public static ImmutableArray<AdditionalText> ForModelRules(ImmutableArray<AdditionalText> additionalFiles, string projectDirectory)
    {
        var withTables = WithFallback(additionalFiles, projectDirectory, AiLint.Analyzers.Rules.Models.ModelTableFile.FileSuffix, AiLint.Analyzers.Rules.Models.ModelTableFile.IsModelTableFile);
        return WithFallback(withTables, projectDirectory, ".json", AiLint.Analyzers.Rules.Models.ConfigurationModelIds.IsSettingsFile);
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) =>
            SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
    }
}
