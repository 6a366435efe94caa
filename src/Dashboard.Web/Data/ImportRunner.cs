using System.Collections.Concurrent;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Security;

namespace Dashboard.Web.Data;

/// <summary>An upload being imported: what the Data page shows while it runs, and the report when it is done.</summary>
public sealed class UploadedImport(Guid id, ImportKind kind, string fileName)
{
    public Guid Id { get; } = id;
    public ImportKind Kind { get; } = kind;
    public string FileName { get; } = fileName;
    public ImportProgress? Progress { get; internal set; }
    public ImportRunReport? Report { get; internal set; }
    public string? Failure { get; internal set; }
    public bool IsFinished => Report is not null || Failure is not null;
}

/// <summary>
/// Runs uploaded imports in the web process, outside any one circuit, so that an import goes on when its page is
/// closed; the file is a temporary copy, deleted when the import ends. Shutting down cancels a running import, which
/// the importer records as failed and resumable.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<ImportRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, UploadedImport> _imports = new();

    public UploadedImport? Find(Guid id) => _imports.GetValueOrDefault(id);

    public UploadedImport Start(ImportKind kind, string temporaryFile, string fileName, string startedBy)
    {
        var upload = new UploadedImport(Guid.NewGuid(), kind, fileName);
        _imports[upload.Id] = upload;
        _ = Task.Run(() => RunAsync(upload, temporaryFile, startedBy));
        return upload;
    }

    private async Task RunAsync(UploadedImport upload, string temporaryFile, string startedBy)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var importer = scope.ServiceProvider.GetRequiredService<ImportService>();
            var progress = new Progress<ImportProgress>(p => upload.Progress = p);
            upload.Report = await importer.ImportAsync(upload.Kind, temporaryFile, upload.FileName, startedBy, progress, lifetime.ApplicationStopping);
            await audit.RecordAsync(startedBy, AuditActions.FileImported, AuditEntities.ImportRun,
                upload.Report.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{upload.Kind}: {upload.Report.Status}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The importer records its own failures on the run; this catches what happens before it can.
            logger.LogError(ex, "Import of an uploaded {Kind} file failed", upload.Kind);
            upload.Failure = ex.Message;
        }
        finally
        {
            File.Delete(temporaryFile);
        }
    }
}
