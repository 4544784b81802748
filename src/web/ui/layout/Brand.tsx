/** The product mark and name at the top of the sidebar. */
export function Brand({ name, compact = false }: { name: string; compact?: boolean }) {
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        justifyContent: compact ? 'center' : 'flex-start',
        padding: compact ? 0 : '0 20px',
        color: '#fff',
        fontWeight: 600,
        fontSize: 17,
        letterSpacing: 1,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      {compact ? null : <span>{name}</span>}
    </div>
  );
}
