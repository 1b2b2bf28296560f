import { useEffect, useState } from 'react';

/** The browser's voices; an empty list where the device has no speech synthesis at all. */
function currentVoices(): SpeechSynthesisVoice[] {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis.getVoices() : [];
}

/** The voices of this device, kept up to date: browsers announce them late (`voiceschanged`). */
export function useSpeechVoices(): SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState(currentVoices);
  useEffect(() => {
    if (!('speechSynthesis' in window)) return;
    const synthesis = window.speechSynthesis;
    const update = () => setVoices(currentVoices());
    update();
    synthesis.addEventListener('voiceschanged', update);
    return () => synthesis.removeEventListener('voiceschanged', update);
  }, []);
  return voices;
}
