import { useEffect, useRef } from 'react';

export interface VideoTileProps {
  stream: MediaStream | null;
  label: string;
  testId: string;
  /** The local view is muted (no echo of one's own voice) and mirrored (like a mirror, as people expect). */
  local?: boolean;
  className?: string;
}

/** A <video> bound to a MediaStream through `srcObject` (a stream cannot be an attribute). */
export function VideoTile({ stream, label, testId, local = false, className }: VideoTileProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.muted = local;
    if (video.srcObject !== stream) video.srcObject = stream;
    // Autoplay can be refused before any user gesture; the kiosk and agent always tapped first.
    if (stream) video.play().catch(() => {});
  }, [stream, local]);
  return (
    <video
      ref={ref}
      className={['video-tile', local ? 'video-local' : 'video-remote', className].filter(Boolean).join(' ')}
      data-testid={testId}
      aria-label={label}
      autoPlay
      playsInline
      muted={local}
    />
  );
}
