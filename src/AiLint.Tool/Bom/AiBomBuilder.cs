using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tool.Coverage;
using AiLint.Tool.Loading;
using Microsoft.CodeAnalysis;

namespace AiLint.Tool.Bom;

/// <summary>Collects the AI bill of materials of a loaded project or solution. Every list comes out sorted.</summary>
internal static class AiBomBuilder
{
    public static async Task<AiBom> BuildAsync(LoadedInput input, TextWriter stderr)
    {
        var projects = new List<BomProject>();
        var packages = new SortedDictionary<string, BomPackage>(StringComparer.Ordinal);
        var models = new Dictionary<(ModelSlotKind Kind, string? Provider, string Id), List<ModelUse>>();
        var modelPackages = new Dictionary<(ModelSlotKind Kind, string? Provider, string Id), SortedSet<string>>();

        // Facts come from the model table of the project that uses the id (shipped rows plus its own model files);
        // when projects of a solution disagree, the first project by path decides, so the output never depends on
        // the order the solution lists them in.
        var modelFacts = new Dictionary<(ModelSlotKind Kind, string? Provider, string Id), (string ProjectPath, ModelFacts? Facts)>();
        var servers = new Dictionary<string, List<McpServerUse>>(StringComparer.Ordinal);
        var prompts = new List<BomPrompt>();

        foreach (var project in input.Projects)
        {
            SourceLocation Locate(SyntaxTree tree, int line) => new(Relative(input.Directory, tree.FilePath), line);

            var restored = ReadPackages(project, stderr);
            foreach (var (package, _) in restored)
            {
                packages[package.Purl] = package;
            }

            var purlsById = restored.ToLookup(p => p.Package.Id, p => p.Package.Purl, StringComparer.OrdinalIgnoreCase);

            var modelKeys = new SortedSet<string>(StringComparer.Ordinal);
            var catalog = new Lazy<ModelCatalog>(() => ModelCatalog.ForProject(project));
            var modelRuleFiles = ProjectAdditionalFiles.ForModelRules(project.Project.AnalyzerOptions.AdditionalFiles, project.Directory);
            var configuredKeys = new Lazy<HashSet<string>>(() => ConfigurationModelIds.ConfiguredKeys(modelRuleFiles, project.Compilation, CancellationToken.None));
            var uses = ModelIdFinder.Find(project.Compilation, Locate, key => configuredKeys.Value.Contains(key)).ToList();
            uses.AddRange(await RuleReadUsesAsync(project, modelRuleFiles, uses, catalog, input.Directory).ConfigureAwait(false));
            foreach (var use in uses)
            {
                var key = (use.Kind, use.Provider, use.Id);
                if (!models.TryGetValue(key, out var list))
                {
                    models[key] = list = [];
                }

                list.Add(use);
                modelKeys.Add(BomModel.RefOf(use.Kind, use.Provider, use.Id));
                if (!modelFacts.TryGetValue(key, out var known) || string.CompareOrdinal(project.RelativePath, known.ProjectPath) < 0)
                {
                    // A deployment name is not a model id: the model table says nothing about it. Nor does it about
                    // another server's model names (the rules do not look them up): only what the name itself says.
                    modelFacts[key] = (project.RelativePath, use.Kind == ModelSlotKind.Deployment ? null
                        : use.Provider == ModelIdFinder.OpenAICompatible ? ModelCatalog.FromName(use.Id)
                        : catalog.Value.Describe(use.Id));
                }

                // The model is used through the package that ships the slot's assembly (same name, by NuGet convention).
                if (!modelPackages.TryGetValue(key, out var purls))
                {
                    modelPackages[key] = purls = new SortedSet<string>(StringComparer.Ordinal);
                }

                if (use.SdkAssembly is { } assembly)
                {
                    purls.UnionWith(purlsById[assembly]);
                }
            }

            var serverKeys = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var use in McpServerFinder.Find(project.Compilation, Locate))
            {
                // A server is its target and, for stdio, its arguments: its bom-ref.
                var key = BomMcpServer.RefOf(use.Transport, use.Target, use.IsUnresolved, use.Arguments, use.Location);
                if (!servers.TryGetValue(key, out var list))
                {
                    servers[key] = list = [];
                }

                list.Add(use);
                serverKeys.Add(key);
            }

            var coverage = await ProjectCoverage.ComputeAsync(project).ConfigureAwait(false);
            var projectPrompts = coverage.Prompts
                .Select(p => ToPrompt(project.RelativePath, input.Directory, p))
                .GroupBy(p => p.Id, StringComparer.Ordinal)
                .SelectMany(TextsOf)
                .OrderBy(p => p.BomRef, StringComparer.Ordinal)
                .ToList();
            prompts.AddRange(projectPrompts);

            projects.Add(new BomProject(
                project.Name,
                project.RelativePath,
                project.Compilation.Assembly.Identity.Version.ToString(),
                [.. restored.Where(p => p.Direct).Select(p => p.Package.Purl).Order(StringComparer.Ordinal)],
                [.. modelKeys],
                [.. projectPrompts.Select(p => p.BomRef)],
                [.. serverKeys])
            {
                ProjectRefs = ReferencedProjects(project, input),
            });
        }

        var bomModels = models
            .Select(m => new BomModel(
                m.Key.Kind,
                m.Key.Provider,
                m.Key.Id,
                // A fallback only when no use spells the id out otherwise.
                m.Value.Select(u => u.Source).Where(s => s != "fallback").Min(StringComparer.Ordinal) ?? "fallback",
                [.. m.Value.Select(u => u.Slot).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
                [.. m.Value.Select(u => u.Location).Distinct().Order()],
                modelFacts[m.Key].Facts,
                [.. modelPackages[m.Key]]))
            .OrderBy(m => m.BomRef, StringComparer.Ordinal);

        var bomServers = servers
            .Select(s =>
            {
                var first = s.Value.OrderBy(u => u.Location).First();
                return new BomMcpServer(
                    first.Transport,
                    first.Target,
                    first.IsLiteral,
                    first.Origin,
                    s.Value.Select(u => u.Name).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault(),
                    first.Arguments,
                    [.. s.Value.Select(u => u.Location).Distinct().Order()])
                {
                    IsUnresolved = first.IsUnresolved,
                };
            })
            .OrderBy(s => s.BomRef, StringComparer.Ordinal);

        return new AiBom(
            input.Name,
            input.IsSolution,
            [.. projects.OrderBy(p => p.RelativePath, StringComparer.Ordinal)],
            [.. packages.Values],
            [.. bomModels],
            [.. prompts.OrderBy(p => p.BomRef, StringComparer.Ordinal)],
            [.. bomServers]);
    }

    /// <summary>
    /// The ids AIL0501-AIL0503 read that the slot finder did not list at the same place (<see cref="RuleModelIds"/>): a
    /// fallback behind a configuration read held in a local, a settings class default, the ids of appsettings.json.
    /// Each is filed under the provider the slot finder gave the same id in this project (so one component, not two),
    /// else the provider of the model table's row, the row the rule reported.
    /// </summary>
    private static async Task<List<ModelUse>> RuleReadUsesAsync(LoadedProject project, System.Collections.Immutable.ImmutableArray<AdditionalText> files, List<ModelUse> slotUses, Lazy<ModelCatalog> catalog, string inputDirectory)
    {
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(files, project.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        var listed = slotUses.Where(u => u.Kind == ModelSlotKind.ModelId).Select(u => (u.Id, u.Location)).ToHashSet();
        var added = new List<ModelUse>();
        foreach (var read in await RuleModelIds.FindAsync(project.Compilation, options).ConfigureAwait(false))
        {
            var location = new SourceLocation(Relative(inputDirectory, read.Path), read.Line);
            if (!listed.Add((read.Id, location)))
            {
                continue;
            }

            // Not another server's: the rules reported the id, so it is sent where the table applies.
            var provider = slotUses
                .Where(u => u.Kind == ModelSlotKind.ModelId && u.Id == read.Id && u.Provider != ModelIdFinder.OpenAICompatible)
                .Select(u => u.Provider ?? "unspecified")
                .Order(StringComparer.Ordinal)
                .FirstOrDefault() is { } known
                ? (known == "unspecified" ? null : known)
                : catalog.Value.ProviderOf(read.Id);
            added.Add(new ModelUse(provider, read.Id, ModelSlotKind.ModelId, read.InSettingsFile ? "settings" : "literal", null, null, location));
        }

        return added;
    }

    /// <summary>
    /// The texts one prompt id holds, once each (the first declaration by location): a text is its hash, or, not being
    /// constant, its declaration. With several, each is listed under the id with its declaration in its bom-ref.
    /// </summary>
    private static IEnumerable<BomPrompt> TextsOf(IEnumerable<BomPrompt> sameId)
    {
        var texts = sameId
            .OrderBy(p => p.Location)
            .GroupBy(p => p.Sha256 ?? "@" + p.Location, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (texts.Count == 1)
        {
            return texts;
        }

        // Two texts at one declaration (a member's arms) are told apart by their hash.
        var atOnePlace = texts.GroupBy(p => p.Location).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return texts.Select(p => p with { SharedIdSuffix = atOnePlace.Contains(p.Location) && p.Sha256 is { } hash ? $"{p.Location}#{hash[..12]}" : p.Location.ToString() });
    }

    /// <summary>The projects of the input this project references (a solution's internal graph).</summary>
    private static ImmutableArray<string> ReferencedProjects(LoadedProject project, LoadedInput input)
    {
        var solution = project.Project.Solution;
        var referenced = project.Project.ProjectReferences
            .Select(r => solution.GetProject(r.ProjectId)?.FilePath)
            .OfType<string>()
            .Select(Path.GetFullPath)
            .ToHashSet(ProjectLoader.PathComparer);
        return [.. input.Projects
            .Where(p => p != project && referenced.Contains(p.FilePath))
            .Select(p => BomProject.RefOf(p.RelativePath))
            .Order(StringComparer.Ordinal)];
    }

    private static List<(BomPackage Package, bool Direct)> ReadPackages(LoadedProject project, TextWriter stderr)
    {
        if (project.AssetsFilePath is not { } assets)
        {
            stderr.WriteLine($"warning: {project.Name} has no obj/project.assets.json; its SDK packages are not listed.");
            return [];
        }

        var restored = AssetsFile.ReadLlmPackages(assets);
        var byId = restored.ToLookup(p => p.Id, StringComparer.OrdinalIgnoreCase);
        return restored
            .Select(p => (new BomPackage(
                p.Id,
                p.Version,
                [.. p.DependencyIds.SelectMany(id => byId[id]).Select(d => new BomPackage(d.Id, d.Version, []).Purl).Distinct().Order(StringComparer.Ordinal)]), p.Direct))
            .ToList();
    }

    private static BomPrompt ToPrompt(string projectRelativePath, string inputDirectory, PromptCoverage coverage)
    {
        var span = coverage.Declaration.Location.GetLineSpan();
        var location = new SourceLocation(Relative(inputDirectory, span.Path), span.StartLinePosition.Line + 1);
        var covered = coverage.Instructions.Count(i => i.IsCovered);
        var status = coverage.Hash is null ? "not-constant"
            : coverage.HasNoCases ? "no-cases"
            : coverage.IsStale ? "stale"
            : covered < coverage.Instructions.Length ? "partial"
            : "covered";
        return new BomPrompt(
            BomProject.RefOf(projectRelativePath),
            coverage.Id,
            coverage.Hash,
            location,
            status,
            [.. coverage.CoveringCases.Select(c => c.Case.Id).Distinct().Order(StringComparer.Ordinal)],
            LastPassingHash(coverage),
            covered,
            coverage.Instructions.Length,
            [.. coverage.Cases.Select(c => Relative(inputDirectory, c.Path)).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The prompt text hash the covering cases last passed on: the current hash when a case recorded a pass for it,
    /// otherwise the hash recorded by the last covering case in file order; null when no pass was recorded.
    /// </summary>
    private static string? LastPassingHash(PromptCoverage coverage)
    {
        if (coverage.HasCurrentPass)
        {
            return coverage.Hash;
        }

        return coverage.CoveringCases
            .Select(c => c.Case.PromptSha256?.Trim().ToLowerInvariant())
            .LastOrDefault(h => !string.IsNullOrEmpty(h));
    }

    private static string Relative(string directory, string path) =>
        Path.IsPathRooted(path) ? Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/') : path.Replace('\\', '/');
}
